package mx.recaudo.strategy;

import mx.recaudo.shared.TenantContext;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

final class RunTestSupport {
    private RunTestSupport() {}

    /** Works the run's chunks in this thread, then waits for chunks other nodes (contexts) may have taken. */
    static RunView awaitFinished(CollectionRuns runs, UUID org, UUID run) {
        return awaitFinished(runs, org, run, 120);
    }

    static RunView awaitFinished(CollectionRuns runs, UUID org, UUID run, int staleSeconds) {
        runs.workUntilIdle(staleSeconds);
        long deadline = System.currentTimeMillis() + 120_000;
        RunView view;
        while (!(view = TenantContext.call(org, () -> runs.find(run).orElseThrow())).finished()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("run did not finish: " + view);
            runs.workUntilIdle(staleSeconds);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(view.status()).isEqualTo("COMPLETED");
        return view;
    }
}
