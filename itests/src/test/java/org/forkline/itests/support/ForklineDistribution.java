package org.forkline.itests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Forkline distribution unpacked once per test JVM into {@code <work>/dist}; every node runs from this one copy,
 * each with its own data folder, which is what a site running several nodes on one host does.
 */
public final class ForklineDistribution {

    private final Path home;

    private ForklineDistribution(Path home) {
        this.home = home;
    }

    /** The unpacked distribution, unpacking it on first use. */
    public static ForklineDistribution get() {
        return Holder.INSTANCE;
    }

    /** KARAF_HOME: bin/, lib/, system/ shared by all nodes (each node has its own copy of etc/). */
    public Path home() {
        return home;
    }

    /** The distribution's etc/: each node starts on its own copy of it ({@link ForklineNode#etcDir()}). */
    public Path etc() {
        return home.resolve("etc");
    }

    private static ForklineDistribution unpack() {
        String dist = System.getProperty("forkline.dist");
        assertThat(dist).as("system property forkline.dist (path of forkline-<version>.tar.gz)").isNotBlank();
        Path archive = Path.of(dist).toAbsolutePath();
        assertThat(archive).as("the distribution; build it with: mvn -B -o -pl karaf-assembly install").isRegularFile();
        Path home = ItWork.root().resolve("dist");
        // A fresh copy and fresh node folders per run: etc/ may have been changed by config:property-set.
        ItWork.deleteTree(home);
        ItWork.deleteTree(ItWork.root().resolve("nodes"));
        ItWork.deleteTree(ItWork.root().resolve("sipp"));
        ItWork.deleteTree(ItWork.root().resolve("failures"));
        try {
            Files.createDirectories(home);
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", home.toString(),
                    "--strip-components=1").redirectErrorStream(true).start();
            boolean done = tar.waitFor(120, TimeUnit.SECONDS);
            String output = new String(tar.getInputStream().readAllBytes());
            if (!done) {
                tar.destroyForcibly();
            }
            assertThat(done && tar.exitValue() == 0).as("tar -xzf %s: %s", archive, output).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking " + archive, e);
        }
        assertThat(home.resolve("bin/karaf")).as("bin/karaf in " + archive).isExecutable();
        return new ForklineDistribution(home);
    }

    /** Lazy holder: the archive is unpacked by the first test class that needs a node, once. */
    private static final class Holder {
        static final ForklineDistribution INSTANCE = unpack();
    }
}
