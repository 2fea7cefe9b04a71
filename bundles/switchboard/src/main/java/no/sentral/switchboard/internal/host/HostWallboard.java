package no.sentral.switchboard.internal.host;

import java.util.List;
import java.util.stream.Stream;
import no.sentral.api.failure.DomainException;
import no.sentral.api.switchboard.Wallboard;
import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.service.ConfigService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link Wallboard} of the running engine: each company's queues and answer groups, asked of its shard. */
@Component(service = Wallboard.class)
public class HostWallboard implements Wallboard {

    private final SwitchboardHost host;
    private final ConfigService configs;

    @Activate
    public HostWallboard(@Reference SwitchboardHost host, @Reference ConfigService configs) {
        this.host = host;
        this.configs = configs;
    }

    @Override
    public List<String> companies() {
        return configs.tenants().stream().sorted().toList();
    }

    @Override
    public List<Line> lines(String tenant) {
        try {
            return host.ask(tenant, e -> Stream.concat(e.queues(tenant).stream(), e.groups(tenant).stream())
                    .map(HostWallboard::line).toList());
        } catch (DomainException noSwitchboard) {
            return List.of();
        }
    }

    static Line line(Views.Figures f) {
        return new Line(f.kind(), f.id(), f.name(), f.waiting(), f.callbacks(), f.longestWaitSeconds(),
                f.colour().name(), f.agentsLoggedIn(), f.agentsFree(), f.answered(), f.abandoned(),
                f.serviceLevelWithAbandonedPercent(), f.averageAnswerSeconds());
    }
}
