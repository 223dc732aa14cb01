/**
 * People who can prove who they are on a call: IVR accounts from the local directory or an
 * OpenID Connect provider, their PIN hashes, and the IVR login that checks an account number
 * and PIN with lockouts and without telling a caller which accounts exist.
 */
package io.callgate.directory;
