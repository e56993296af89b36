/** Command-line flags: declared once per subcommand, parsed with errors that name the flag. */
@NullMarked
package dev.rampart.bench.cli;

import org.jspecify.annotations.NullMarked;
