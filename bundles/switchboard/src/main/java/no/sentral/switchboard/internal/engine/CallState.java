package no.sentral.switchboard.internal.engine;

/** The states of a call (SB-02). {@link #QUEUED} includes callbacks waiting for their turn. */
public enum CallState { RINGING, IN_IVR, QUEUED, OFFERED, CONNECTED, ON_HOLD, TRANSFERRING, ENDED }
