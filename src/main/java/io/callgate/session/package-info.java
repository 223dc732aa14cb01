/**
 * Caller sessions: what one caller in one call ({@code CallSid}) has proven so far, and when. The voice flows
 * write them; conference admission, the agent console and the video gate read them.
 */
package io.callgate.session;
