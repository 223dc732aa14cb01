/**
 * Verifications: one code for one destination, its lifecycle and limits, and the Twilio
 * Verify v2 resources (Services, Verifications, VerificationCheck, Attempts).
 */
package io.callgate.verify;
