package org.forkline.itests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension owning the nodes of one test class: starts them, dumps the end of every node's karaf.log when a
 * test or a lifecycle method fails, and stops them all after the class, whatever happened. Register it as
 * {@code @RegisterExtension static final ForklineNodes NODES = new ForklineNodes();}.
 */
public final class ForklineNodes implements AfterAllCallback, TestWatcher, LifecycleMethodExecutionExceptionHandler {

    private static final int LOG_LINES = 200;

    // Written by the test thread, read by JUnit's callbacks; copy-on-write because iteration dominates.
    private final List<ForklineNode> nodes = new CopyOnWriteArrayList<>();

    /** Creates, starts and waits for a node; it is stopped after the class. */
    public ForklineNode start(NodeBuilder builder) {
        ForklineNode node = add(builder.build());
        node.startAndWait();
        return node;
    }

    /** Creates a node without starting it; it is stopped after the class. */
    public ForklineNode add(ForklineNode node) {
        nodes.add(node);
        return node;
    }

    public List<ForklineNode> all() {
        return List.copyOf(nodes);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        dumpLogs(context.getDisplayName());
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        dumpLogs("@BeforeAll of " + context.getDisplayName());
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        dumpLogs("@BeforeEach of " + context.getDisplayName());
        throw throwable;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        AssertionError notStopped = null;
        for (ForklineNode node : nodes) {
            try {
                if (!node.stop()) {
                    notStopped = new AssertionError(node + " did not stop within 60 s after SIGTERM and was killed\n"
                            + node.logTail(LOG_LINES));
                }
            } catch (RuntimeException e) {
                node.kill9();
            }
        }
        nodes.clear();
        if (notStopped != null) {
            throw notStopped;
        }
    }

    private void dumpLogs(String failed) {
        StringBuilder report = new StringBuilder("\n##### FAILED: ").append(failed).append(" #####\n");
        for (ForklineNode node : nodes) {
            report.append(node.logTail(LOG_LINES));
        }
        System.err.println(report);
        try {
            Files.writeString(ItWork.dir("failures").resolve("node-logs.txt"), report, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write the failure report: " + e);
        }
    }
}
