package no.sentral.switchboard.internal.store;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import no.sentral.switchboard.internal.config.Availability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Employees' availability and queue logins, kept so that a restart does not log everybody out. */
@Component(service = AgentStore.class)
public class AgentStore {

    /** One employee's saved state. */
    public record Agent(String tenant, String user, Availability availability, List<String> queues) {
    }

    private final SwitchboardDatabase db;

    @Activate
    public AgentStore(@Reference SwitchboardDatabase db) {
        this.db = db;
    }

    public void save(Agent agent) {
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_agent (tenant, user_id, availability, queues)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant, user_id) DO UPDATE SET availability = excluded.availability,"
                    + " queues = excluded.queues")) {
                ps.setString(1, agent.tenant());
                ps.setString(2, agent.user());
                ps.setString(3, agent.availability().name());
                ps.setArray(4, c.createArrayOf("text", agent.queues().toArray()));
                return ps.executeUpdate();
            }
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
