/**
 * The SMTP email provider: Jakarta Mail (Angus) over plain SMTP, STARTTLS or SMTPS, one
 * multipart/alternative message (plain text and HTML) per code, and SMTP replies sorted into
 * retryable (4xx, connection trouble) and permanent (5xx about the recipient or message) refusals.
 */
package io.callgate.delivery.smtp;
