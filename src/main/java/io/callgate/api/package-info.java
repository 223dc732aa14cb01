/**
 * The Twilio REST wire conventions shared by every /v2 resource: the error body, ISO 8601 dates,
 * list pagination, and the guards on content type and body size.
 */
package io.callgate.api;
