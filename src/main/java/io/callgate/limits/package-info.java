/**
 * Limits that slow an attacker without locking a person out for ever: sliding windows per
 * destination, the service Rate Limits and Buckets of the Verify API, and geo permissions.
 * Decisions about one subject are serialised by a row lock, so they hold across nodes.
 */
package io.callgate.limits;
