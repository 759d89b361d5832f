package org.forkline.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and starts one SIPp process (one call, {@code -m 1}) for a scenario of {@code src/test/resources/sipp}.
 * Message content comes in as SIPp keywords ({@code -key name value}, used as {@code [name]}); what SIPp cannot take
 * from a keyword (pause lengths, expected response codes, extra checks) is a {@code @NAME@} placeholder replaced
 * here, and the resulting scenario is written into the run's own folder with SIPp's logs.
 */
public final class Sipp {

    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z0-9_]+@");

    private final String scenario;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Map<String, String> templates = new LinkedHashMap<>();
    private String label;
    private String localAddress = "127.0.0.1";
    private String targetHost;
    private int targetPort;
    private Duration timeout = Duration.ofSeconds(30);

    private Sipp(String scenario) {
        this.scenario = scenario;
        this.label = scenario.replace(".xml", "");
        templates.put("START_DELAY_MS", "0");
        templates.put("EXTRA_CHECKS", "");
    }

    /** A run of the scenario {@code sipp/<name>} from the test resources. */
    public static Sipp scenario(String name) {
        return new Sipp(name);
    }

    /** Sends to the node's SIP address and port. */
    public Sipp target(ForklineNode node) {
        return target(node.address(), node.sipPort());
    }

    public Sipp target(String host, int port) {
        this.targetHost = host;
        this.targetPort = port;
        return this;
    }

    /** Local address for signalling and media (-i, -mi; bound with -bind_local). Default 127.0.0.1. */
    public Sipp localAddress(String address) {
        this.localAddress = address;
        return this;
    }

    /** A keyword: {@code [name]} in the scenario's messages and actions. */
    public Sipp key(String name, Object value) {
        keys.put(name, String.valueOf(value));
        return this;
    }

    public Sipp keys(Map<String, String> values) {
        keys.putAll(values);
        return this;
    }

    /** Replaces {@code @NAME@} in the scenario text before SIPp reads it. */
    public Sipp template(String name, Object value) {
        templates.put(name, String.valueOf(value));
        return this;
    }

    /** The final response the scenario expects ({@code @CODE@} of invite-expect-code.xml, options-expect-code.xml). */
    public Sipp expectCode(int code) {
        return template("CODE", code);
    }

    /** Fails the call unless the expected response has this header with a value matching the POSIX regexp. */
    public Sipp requireHeader(String header, String valueRegexp) {
        String variable = "required_" + header.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        return template("EXTRA_CHECKS", "<action><ereg regexp=\"" + valueRegexp + "\" search_in=\"hdr\" header=\""
                + header + ":\" check_it=\"true\" assign_to=\"" + variable + "\"/><log message=\"" + header
                + ": [$" + variable + "]\"/></action>");
    }

    /** Delay before the first message (a partner leg that comes late). */
    public Sipp startDelay(Duration delay) {
        return template("START_DELAY_MS", delay.toMillis());
    }

    /** SIPp's own global timeout; the Java side kills it 15 s later at the latest. Default 30 s. */
    public Sipp timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** A name for the run folder and for messages. */
    public Sipp label(String name) {
        this.label = name;
        return this;
    }

    /** Starts SIPp; the call runs in the background. */
    public SippRun start() {
        if (targetHost == null) {
            throw new IllegalStateException("no target: call target(node) first");
        }
        Path dir = ItWork.dir("sipp", label + "-" + System.nanoTime());
        Path scenarioFile = dir.resolve(scenario);
        try {
            Files.writeString(scenarioFile, render(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + scenarioFile, e);
        }
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("forkline.itests.sipp", "/usr/bin/sipp"),
                "-sf", scenarioFile.toString(),
                "-m", "1", "-l", "1", "-nostdin", "-t", "u1",
                "-i", localAddress, "-bind_local", "-p", Integer.toString(FreePorts.udp()),
                "-mi", localAddress, "-mp", Integer.toString(FreePorts.udpEvenBlock()),
                "-aa",
                "-timeout", timeout.toSeconds() + "s", "-timeout_error",
                "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                "-trace_msg", "-message_file", dir.resolve("messages.log").toString(),
                "-trace_logs", "-log_file", dir.resolve("actions.log").toString()));
        keys.forEach((name, value) -> command.addAll(List.of("-key", name, value)));
        command.add(targetHost + ":" + targetPort);
        try {
            Files.writeString(dir.resolve("command.txt"), String.join(" ", command) + "\n");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            return new SippRun(label, process, dir, timeout.plusSeconds(15));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SIPp: " + command, e);
        }
    }

    /** Starts SIPp and waits for it to finish. */
    public SippResult run() {
        return start().await();
    }

    private String render() {
        String text;
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario sipp/" + scenario + " in the test resources");
            }
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sipp/" + scenario, e);
        }
        for (Map.Entry<String, String> template : templates.entrySet()) {
            text = text.replace("@" + template.getKey() + "@", template.getValue());
        }
        Matcher left = PLACEHOLDER.matcher(text);
        if (left.find()) {
            throw new IllegalArgumentException("scenario " + scenario + " still has " + left.group()
                    + ": give it with template(\"" + left.group().replace("@", "") + "\", value)");
        }
        return text;
    }
}
