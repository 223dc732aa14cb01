/**
 * Contact-center lines: a call is announced to the agent console as an interaction (with what the caller proved
 * on the IVR before, if anything) and connected to the agents' phones.
 */
package io.callgate.voice.contact;
