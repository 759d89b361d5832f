package org.forkline.handover.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

import org.forkline.api.handover.Relay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dynamic proxy that forwards to the attached target and queues void calls while none is attached. Its
 * classes belong to this bundle, so the proxy keeps working while the bundle that made the target is replaced.
 */
final class ProxyRelay<T> implements Relay<T>, InvocationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyRelay.class);

    private final Class<T> type;
    private final int capacity;
    private final T proxy;
    private final AtomicLong dropped = new AtomicLong();
    private final ArrayDeque<QueuedCall> queue = new ArrayDeque<>();   // guarded by queue
    private T target;                                                   // guarded by queue
    private boolean replaying;                                          // guarded by queue

    ProxyRelay(Class<T> type, int capacity) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.type = type;
        this.capacity = capacity;
        this.proxy = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this));
        // Load every class the relay needs now: it outlives this bundle's revision when the bundle is updated and
        // refreshed, and a disposed revision cannot load classes any more.
        new QueuedCall(null, null).hashCode();
    }

    @Override
    public T proxy() {
        return proxy;
    }

    @Override
    public void attach(T next) {
        synchronized (queue) {
            target = next;
            replaying = true;
        }
        int replayed = 0;
        while (true) {
            QueuedCall call;
            synchronized (queue) {
                if (target != next) {
                    return;  // detached or replaced meanwhile: the rest waits for the next target
                }
                call = queue.poll();
                if (call == null) {
                    replaying = false;
                    break;
                }
            }
            try {
                call.method.invoke(next, call.args);
            } catch (InvocationTargetException e) {
                LOG.warn("Relay of {}: replaying {} failed", type.getSimpleName(), call.method.getName(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            replayed++;
        }
        if (replayed > 0) {
            LOG.info("Relay of {}: {} calls received during the handover replayed", type.getSimpleName(), replayed);
        }
    }

    @Override
    public void detach() {
        synchronized (queue) {
            target = null;
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "relay of " + type.getName();
            };
        }
        boolean noResult = method.getReturnType() == void.class;
        T current;
        synchronized (queue) {
            current = target;
            if (noResult && (current == null || replaying)) {
                if (queue.size() < capacity) {
                    queue.add(new QueuedCall(method, args));
                } else if (dropped.incrementAndGet() % 1000 == 1) {
                    LOG.warn("Relay of {}: queue of {} full while no target is attached; {} calls dropped so far",
                            type.getSimpleName(), capacity, dropped.get());
                }
                return null;
            }
        }
        if (current == null) {
            throw new IllegalStateException("no target attached to the relay of " + type.getName()
                    + " (a bundle is being updated)");
        }
        try {
            return method.invoke(current, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private record QueuedCall(Method method, Object[] args) {
    }
}
