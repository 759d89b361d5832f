package org.forkline.sip.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/** Builds {@link SipComponent.Config} instances from the metatype defaults plus overrides, as DS would. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** @param overrides by configuration key, e.g. {@code code.unavailable} */
    public static SipComponent.Config config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        return (SipComponent.Config) Proxy.newProxyInstance(SipComponent.Config.class.getClassLoader(),
                new Class<?>[] {SipComponent.Config.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    return switch (method.getName()) {
                        case "annotationType" -> SipComponent.Config.class;
                        case "toString" -> "Config" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> values.containsKey(key) ? values.get(key) : method.getDefaultValue();
                    };
                });
    }

    public static SipSettings settings(Map<String, Object> overrides) throws InvalidSettingException {
        return SipSettings.from(config(overrides));
    }

    /** A port free for both UDP and TCP on 127.0.0.1. */
    public static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    return port;
                } catch (IOException e) {
                    // taken for UDP: try another
                }
            }
        }
        throw new IOException("no free port for UDP and TCP");
    }
}
