/** Server TLS: the certificate the embedded web server presents, its protocol versions, and HSTS. */
@NullMarked
package dev.rampart.secrets.internal.tls;

import org.jspecify.annotations.NullMarked;
