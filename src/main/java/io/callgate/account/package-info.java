/**
 * Who may call the API: the account SID and auth token, and API keys ({@code SK…}) created through
 * Twilio's {@code /2010-04-01/Accounts/{AccountSid}/Keys} resource.
 */
package io.callgate.account;
