package mx.recaudo.shared;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The organization the current thread works for. Database connections taken while it is set only
 * see that organization's rows (row-level security); with none set they see nothing.
 */
public final class TenantContext {
    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    public static Optional<UUID> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static UUID require() {
        UUID org = CURRENT.get();
        if (org == null) throw new IllegalStateException("No organization bound to this thread");
        return org;
    }

    public static void run(UUID org, Runnable work) {
        call(org, () -> {
            work.run();
            return null;
        });
    }

    public static <T> T call(UUID org, Callable<T> work) {
        UUID previous = CURRENT.get();
        CURRENT.set(org);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (previous == null) CURRENT.remove(); else CURRENT.set(previous);
        }
    }

    /** For request filters that bind and unbind around a whole request. */
    public static void bind(UUID org) { CURRENT.set(org); }

    public static void clear() { CURRENT.remove(); }
}
