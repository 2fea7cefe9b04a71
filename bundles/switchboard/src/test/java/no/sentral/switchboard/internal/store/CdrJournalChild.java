package no.sentral.switchboard.internal.store;

import java.nio.file.Path;
import java.time.Clock;
import no.sentral.persistence.internal.JdbcTransactions;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The process {@link CdrJournalTest} kills with {@code kill -9}: it ends one call while the database
 * refuses CDRs, says so once the call is recorded, and waits to be killed.
 */
public final class CdrJournalChild {

    static final String RECORDED = "recorded";

    private CdrJournalChild() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser(args[1]);
        CdrWriter cdrs = new CdrWriter(new JdbcTransactions(new ClasspathDatabase(ds), () -> { }, Clock.systemUTC()),
                Path.of(args[2]));
        cdrs.add(CdrJournalTest.record("killed-call"), CdrJournalTest.visits("killed-call"));
        while (cdrs.recorded() < 1) {
            Thread.sleep(10);
        }
        System.out.println(RECORDED);
        System.out.flush();
        Thread.sleep(60_000);
    }
}
