/**
 * The telephony adapter SPI: how the switchboard engine meets a telephone network. An adapter (the
 * in-process call simulator, later SIP) registers a {@link no.sentral.api.telephony.TelephonyAdapter}
 * service, reports what happens on its lines to {@link no.sentral.api.telephony.CallControl} as
 * {@link no.sentral.api.telephony.Signal}s and carries out the engine's
 * {@link no.sentral.api.telephony.Command}s. Legs are named by whoever creates them: the adapter for
 * calls that come in, the engine for the legs it rings.
 */
package no.sentral.api.telephony;
