package no.sentral.simulator.internal.model;

import java.util.ArrayList;
import java.util.List;
import no.sentral.api.telephony.CallControl;
import no.sentral.api.telephony.Signal;

/** A network end that records every signal with its virtual time. */
final class Recorder implements CallControl {

    record Event(long at, Signal signal) {
    }

    private final VirtualScheduler clock;
    final List<Event> events = new ArrayList<>();

    Recorder(VirtualScheduler clock) {
        this.clock = clock;
    }

    @Override
    public void signal(Signal signal) {
        events.add(new Event(clock.now(), signal));
    }

    <S extends Signal> List<S> all(Class<S> type) {
        return events.stream().map(Event::signal).filter(type::isInstance).map(type::cast).toList();
    }

    <S extends Signal> List<Event> events(Class<S> type) {
        return events.stream().filter(e -> type.isInstance(e.signal())).toList();
    }

    List<Signal> forLeg(String leg) {
        return events.stream().map(Event::signal).filter(s -> leg.equals(s.leg())).toList();
    }
}
