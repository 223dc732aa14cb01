/** Cross-cutting pieces: the clock, the server's secret keys, SID generation. */
package io.callgate.system;
