/** Voice: TwiML call flows behind carriers' webhooks, their signature check, conference lines and the IVR. */
package io.callgate.voice;
