package no.sentral.switchboard.internal.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import no.sentral.api.spi.jdbc.Transactions;
import no.sentral.switchboard.internal.config.Availability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Employees' availability and queue logins, kept so that a restart does not log everybody out; each
 * change is audited (who logged whom into which queue, who set whose availability).
 */
@Component(service = AgentStore.class)
public class AgentStore {

    /** One employee's saved state. */
    public record Agent(String tenant, String user, Availability availability, List<String> queues) {
    }

    private final SwitchboardDatabase db;
    private final Transactions transactions;

    @Activate
    public AgentStore(@Reference SwitchboardDatabase db, @Reference Transactions transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /** Saves the agent's state as {@code actor} changed it, with an audit entry when it changed. */
    public void save(Agent agent, String actor) {
        transactions.inTransaction(agent.tenant(), actor, tx -> {
            Connection c = tx.connection();
            Agent before = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT availability, queues FROM sb_agent"
                    + " WHERE tenant = ? AND user_id = ? FOR UPDATE")) {
                ps.setString(1, agent.tenant());
                ps.setString(2, agent.user());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        before = new Agent(agent.tenant(), agent.user(), Availability.valueOf(rs.getString(1)),
                                List.of((String[]) rs.getArray(2).getArray()));
                    }
                }
            }
            if (agent.equals(before)) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_agent (tenant, user_id, availability, queues)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant, user_id) DO UPDATE SET availability = excluded.availability,"
                    + " queues = excluded.queues")) {
                ps.setString(1, agent.tenant());
                ps.setString(2, agent.user());
                ps.setString(3, agent.availability().name());
                ps.setArray(4, c.createArrayOf("text", agent.queues().toArray()));
                ps.executeUpdate();
            }
            tx.audit("switchboard-agent", agent.user(), "changed", before, agent);
            return null;
        });
    }

    public List<Agent> all() {
        return db.run(c -> {
            List<Agent> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant, user_id, availability, queues FROM sb_agent");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array queues = rs.getArray(4);
                    list.add(new Agent(rs.getString(1), rs.getString(2), Availability.valueOf(rs.getString(3)),
                            List.of((String[]) queues.getArray())));
                }
            }
            return list;
        });
    }
}
