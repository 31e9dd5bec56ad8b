package io.switchboard.bench;

import java.util.List;

/**
 * The size of a run. The full run is what the results file reports (20 to 30 minutes on 2 cores); the quick one
 * exercises every phase in a few minutes while working on the harness or the platform.
 *
 * @param repeats runs of each load figure; the report gives their median
 * @param wrkSeconds length of each closed-loop (wrk) run
 * @param wrkConnections connection counts tried for the maximum throughput
 * @param pacedSeconds length of each fixed-rate run
 * @param rates fixed rates offered, per second
 * @param tenants tenants onboarded for the tenant-scale figures
 * @param backlogTenants tenants the processing backlog is spread over
 * @param backlogPerTenant deliveries per tenant in the backlog
 * @param steadyRate the rate of the receipt-to-committed latency runs
 * @param dispatchTenants tenants sending SMS in the dispatch runs
 * @param dispatchPerTenant messages per tenant and dispatch run
 */
record Settings(String name, int repeats, int wrkSeconds, List<Integer> wrkConnections, int pacedSeconds,
        List<Integer> rates, int tenants, int backlogTenants, int backlogPerTenant, int steadyRate, int dispatchTenants,
        int dispatchPerTenant) {

    static Settings full() {
        return new Settings("full", 3, 10, List.of(8, 32), 15, List.of(500, 1000, 2000), 1000, 100, 1000, 500, 10, 1000);
    }

    static Settings quick() {
        return new Settings("quick", Integer.getInteger("bench.repeats", 1), Integer.getInteger("bench.wrkSeconds", 4),
                List.of(8, 32), Integer.getInteger("bench.pacedSeconds", 4), List.of(500, 1000, 2000),
                Integer.getInteger("bench.tenants", 40),
                Integer.getInteger("bench.backlogTenants", 10), Integer.getInteger("bench.backlogPerTenant", 300), 500, 5, 200);
    }

    /** Upper bound of the requests a closed-loop run can send, so every one of them is unique. */
    int wrkRequests() {
        return wrkSeconds * 9000;
    }
}
