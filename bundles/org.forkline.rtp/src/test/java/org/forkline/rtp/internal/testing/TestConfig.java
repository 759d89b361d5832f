package org.forkline.rtp.internal.testing;

import java.lang.annotation.Annotation;

import org.forkline.rtp.internal.RtpConfig;

/** RtpConfig for tests: the metatype defaults, changed with withers. */
@SuppressWarnings("all")
public final class TestConfig implements RtpConfig {

    private String address = "127.0.0.1";
    private String advertisedAddress = "";
    private int portMin = 20000;
    private int portMax = 29999;
    private int reorderMillis = 80;
    private int inactivityTimeoutSeconds = 300;
    private int flushMillis = 500;
    private boolean strictSource = true;
    private int threads = 0;
    private int wakeupIntervalMillis = 5;

    public static TestConfig defaults() {
        return new TestConfig();
    }

    public TestConfig address(String value) {
        address = value;
        return this;
    }

    public TestConfig advertisedAddress(String value) {
        advertisedAddress = value;
        return this;
    }

    public TestConfig ports(int min, int max) {
        portMin = min;
        portMax = max;
        return this;
    }

    public TestConfig reorderMillis(int value) {
        reorderMillis = value;
        return this;
    }

    public TestConfig inactivityTimeoutSeconds(int value) {
        inactivityTimeoutSeconds = value;
        return this;
    }

    public TestConfig flushMillis(int value) {
        flushMillis = value;
        return this;
    }

    public TestConfig strictSource(boolean value) {
        strictSource = value;
        return this;
    }

    public TestConfig threads(int value) {
        threads = value;
        return this;
    }

    public TestConfig wakeupIntervalMillis(int value) {
        wakeupIntervalMillis = value;
        return this;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String advertisedAddress() {
        return advertisedAddress;
    }

    @Override
    public int portMin() {
        return portMin;
    }

    @Override
    public int portMax() {
        return portMax;
    }

    @Override
    public int reorderMillis() {
        return reorderMillis;
    }

    @Override
    public int inactivityTimeoutSeconds() {
        return inactivityTimeoutSeconds;
    }

    @Override
    public int flushMillis() {
        return flushMillis;
    }

    @Override
    public boolean strictSource() {
        return strictSource;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return RtpConfig.class;
    }

    @Override
    public int wakeupIntervalMillis() {
        return wakeupIntervalMillis;
    }
}
