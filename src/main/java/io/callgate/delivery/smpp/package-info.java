/**
 * The SMPP 3.4 sms provider: one bound transceiver session to an SMSC (jSMPP), kept alive with
 * enquire_link and rebound with backoff when it drops; submit_sm in GSM 7-bit or UCS-2; delivery
 * receipts from deliver_sm onto the send attempts.
 */
package io.callgate.delivery.smpp;
