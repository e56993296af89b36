/** The REST API of templates and agents: {@code /api/v1/templates}, {@code /api/v1/agents} (docs/agents.md). */
@NullMarked
package dev.rampart.agents.web;

import org.jspecify.annotations.NullMarked;
