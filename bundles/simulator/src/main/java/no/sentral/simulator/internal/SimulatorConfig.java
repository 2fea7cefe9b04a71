package no.sentral.simulator.internal;

import no.sentral.simulator.internal.model.Settings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Sentral call simulator",
        description = "Simulated callers and employees for the demo, tests and benchmarks; runs only when configured")
public @interface SimulatorConfig {

    @AttributeDefinition(description = "Companies to call: tenant=+47NUMBER[,+47NUMBER...], the numbers callers dial")
    String[] companies();

    @AttributeDefinition(description = "Calls per hour to each company (Poisson arrivals); 0 for none")
    double callsPerHour() default Settings.DEFAULT_CALLS_PER_HOUR;

    @AttributeDefinition(description = "Mean talk time in seconds (exponential)")
    double meanTalkSeconds() default Settings.DEFAULT_MEAN_TALK_SECONDS;

    @AttributeDefinition(description = "Mean time in seconds a queued caller waits before hanging up (exponential)")
    double meanPatienceSeconds() default Settings.DEFAULT_MEAN_PATIENCE_SECONDS;

    @AttributeDefinition(description = "Share of queued callers who press 1 for a callback on hearing their position")
    double callbackShare() default Settings.DEFAULT_CALLBACK_SHARE;

    @AttributeDefinition(description = "Mean seconds an employee's phone rings before they answer (exponential)")
    double answerSeconds() default Settings.DEFAULT_ANSWER_SECONDS;

    @AttributeDefinition(description = "Share of rings employees answer; they let the others ring out")
    double answerShare() default Settings.DEFAULT_ANSWER_SHARE;

    @AttributeDefinition(description = "Keys callers choose from in a menu, 2-5 s after its prompt", required = false)
    String ivrKeys() default Settings.DEFAULT_IVR_KEYS;

    @AttributeDefinition(description = "Seed of the random generator, for a repeatable run; 0 for a random one")
    long seed() default 0;

    @AttributeDefinition(description = "Load mode: callers kept on the line in all, each replaced when their call"
            + " ends (0: arrivals by callsPerHour only)")
    int concurrentCalls() default 0;
}
