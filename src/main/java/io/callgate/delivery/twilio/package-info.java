/**
 * The Twilio-compatible REST provider ({@code type: twilio} and {@code type: signalwire}): sms through
 * Messages.json, calls through Calls.json with inline TwiML, and the signed callbacks those carriers make back to
 * callgate (the key press of a call, message status).
 */
package io.callgate.delivery.twilio;
