/**
 * The contact-center agent console: agents sign in, take a live interaction (a call on a
 * contact-center line or a CRM's signed post), send the caller a code, type what the caller reads
 * back, and only then see the customer's details. Every action is audited with the agent's name.
 */
package io.callgate.agent;
