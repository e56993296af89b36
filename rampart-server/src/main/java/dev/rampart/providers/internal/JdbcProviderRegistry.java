package dev.rampart.providers.internal;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.providers.BuiltInProviders;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderConfigurations;
import dev.rampart.providers.ProviderKey;
import dev.rampart.providers.ProviderKeyDisabled;
import dev.rampart.providers.ProviderReferences;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.IfMatch;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.VersionConflicts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node's built-in providers, then each tenant's from {@code llm_providers}, cached per tenant for {@link #TTL}
 * (every model call looks its provider up). A change made on this node evicts the tenant at once; other nodes see it
 * within the TTL. Writes and disabled keys are audited in the same transaction as the change.
 */
@Component
class JdbcProviderRegistry implements ProviderRegistry, ProviderConfigurations {

	static final Duration TTL = Duration.ofSeconds(5);
	static final int MAX_REASON = 500;

	private static final Logger log = LoggerFactory.getLogger(JdbcProviderRegistry.class);

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final BuiltInProviders builtIn;
	private final ObjectProvider<ProviderReferences> references;
	/** {@code rampart.providers.allow-private-networks}: may tenants point providers at loopback and private networks. */
	private final boolean allowPrivateNetworks;
	private final ProviderRows rows;
	private final Cache<TenantId, TenantProviders> cache;
	private final VersionConflicts conflicts;

	/** One tenant's configured providers, and the list {@link #providers} answers (built-in ones first). */
	private record TenantProviders(List<Configured> configured, List<Provider> all) {
	}

	JdbcProviderRegistry(JdbcClient jdbc, TenantTransactions transactions, Clock clock, AuditLog audit,
			ApplicationEventPublisher events, BuiltInProviders builtIn, ObjectProvider<ProviderReferences> references,
			JsonMapper json, ProvidersProperties properties, VersionConflicts conflicts) {
		this.conflicts = conflicts;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.audit = audit;
		this.events = events;
		this.builtIn = builtIn;
		this.references = references;
		this.rows = new ProviderRows(json, properties.resilience());
		this.allowPrivateNetworks = properties.allowPrivateNetworks();
		this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).ticker(new ClockTicker(clock)).build();
	}

	@Override
	public List<Provider> builtIn() {
		return builtIn.providers();
	}

	@Override
	public List<Provider> providers(TenantId tenant) {
		return cache.get(tenant, this::load).all();
	}

	@Override
	public List<Configured> configurations(TenantId tenant) {
		return cache.get(tenant, this::load).configured();
	}

	@Override
	public Optional<Configured> configuration(TenantId tenant, String id) {
		return configurations(tenant).stream().filter(configured -> configured.provider().id().equals(id)).findFirst();
	}

	@Override
	public Configured create(TenantId tenant, Configuration configuration) {
		String id = configuration.id();
		if (isBuiltIn(id)) {
			throw new RampartException(ErrorCode.PROVIDER_NAME_TAKEN, "'" + id + "' is the id of a built-in provider.");
		}
		refuseUnsafeUrl(configuration);
		String actor = AuditActor.current().id();
		Configured created = transactions.inTenant(tenant, () -> {
			Timestamp now = Timestamp.from(clock.instant());
			int inserted = jdbc.sql("""
					insert into llm_providers (tenant_id, name, type, base_url, keys, models, settings, api_version, version,
						created_at, created_by, updated_at, updated_by)
					values (:tenant, :name, :type, :baseUrl, :keys::jsonb, :models::jsonb, :settings::jsonb, :apiVersion, 1,
						:now, :actor, :now, :actor)
					on conflict (tenant_id, name) do nothing""")
				.param("tenant", tenant.value())
				.param("name", id)
				.params(columns(configuration))
				.param("now", now)
				.param("actor", actor)
				.update();
			if (inserted == 0) {
				throw new RampartException(ErrorCode.PROVIDER_NAME_TAKEN, "The tenant already has a provider '" + id + "'.");
			}
			Configured after = stored(tenant, id, false).orElseThrow();
			audit.record(entry(tenant, actor, "provider.created", id, Map.of("after", ProviderRows.view(after))));
			return after;
		});
		cache.invalidate(tenant);
		return created;
	}

	@Override
	public Configured replace(TenantId tenant, Configuration configuration, IfMatch ifMatch) {
		String id = configuration.id();
		refuseBuiltIn(id);
		refuseUnsafeUrl(configuration);
		String actor = AuditActor.current().id();
		Configured replaced = transactions.inTenant(tenant, () -> {
			Configured before = stored(tenant, id, true).orElseThrow(() -> notFound(id));
			conflicts.check(tenant, ifMatch, new VersionConflicts.Stored("provider", id, id, before.provider().version(),
					before.updatedBy(), before.updatedAt()), actor);
			jdbc.sql("""
					update llm_providers set type = :type, base_url = :baseUrl, keys = :keys::jsonb, models = :models::jsonb,
						settings = :settings::jsonb, api_version = :apiVersion, version = version + 1, updated_at = :now,
						updated_by = :actor
					where tenant_id = :tenant and name = :name""")
				.params(columns(configuration))
				.param("now", Timestamp.from(clock.instant()))
				.param("actor", actor)
				.param("tenant", tenant.value())
				.param("name", id)
				.update();
			Configured after = stored(tenant, id, false).orElseThrow();
			audit.record(entry(tenant, actor, "provider.updated", id,
					Map.of("before", ProviderRows.view(before), "after", ProviderRows.view(after))));
			return after;
		});
		cache.invalidate(tenant);
		return replaced;
	}

	@Override
	public void delete(TenantId tenant, String id) {
		refuseBuiltIn(id);
		String actor = AuditActor.current().id();
		transactions.inTenant(tenant, () -> {
			Configured before = stored(tenant, id, true).orElseThrow(() -> notFound(id));
			List<String> users = references.orderedStream()
				.flatMap(reference -> reference.referencesTo(tenant, id).stream())
				.toList();
			if (!users.isEmpty()) {
				throw new RampartException(ErrorCode.PROVIDER_IN_USE, "Provider '" + id + "' is used by: "
						+ String.join(", ", users) + ".");
			}
			jdbc.sql("delete from llm_providers where tenant_id = :tenant and name = :name")
				.param("tenant", tenant.value())
				.param("name", id)
				.update();
			audit.record(entry(tenant, actor, "provider.deleted", id, Map.of("before", ProviderRows.view(before))));
		});
		cache.invalidate(tenant);
	}

	/**
	 * Only while the row is still at {@code provider.version()} (a configuration saved since has its keys back in use),
	 * and without raising the version: breakers and clients are kept per version and stay as they are. Never throws: a
	 * failure to record is logged, and the key stays out of rotation on this node.
	 */
	@Override
	public void disableKey(Provider provider, UUID credentialId, String reason) {
		TenantId tenant = provider.tenant();
		if (tenant == null) {
			return;
		}
		String cut = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
		try {
			boolean disabled = transactions.inTenant(tenant, () -> disableStoredKey(tenant, provider, credentialId, cut));
			if (disabled) {
				log.warn("Provider '{}' of tenant {} rejected credential {}; the key is disabled until the provider is "
						+ "saved again: {}", provider.id(), tenant, credentialId, cut);
				cache.invalidate(tenant);
			}
		}
		catch (RuntimeException ex) {
			log.error("Could not disable credential {} of provider '{}' (tenant {})", credentialId, provider.id(), tenant, ex);
		}
	}

	private boolean disableStoredKey(TenantId tenant, Provider provider, UUID credentialId, String reason) {
		Optional<Configured> stored = stored(tenant, provider.id(), true);
		if (stored.isEmpty() || stored.get().provider().version() != provider.version()) {
			return false;
		}
		List<ProviderKey> keys = new ArrayList<>(stored.get().provider().keys());
		Instant now = clock.instant();
		int index = -1;
		for (int i = 0; i < keys.size(); i++) {
			if (keys.get(i).credentialId().equals(credentialId) && !keys.get(i).disabled()) {
				index = i;
				break;
			}
		}
		if (index < 0) {
			return false;
		}
		keys.set(index, new ProviderKey(credentialId, now, reason));
		jdbc.sql("update llm_providers set keys = :keys::jsonb where tenant_id = :tenant and name = :name and version = :version")
			.param("keys", rows.keys(keys))
			.param("tenant", tenant.value())
			.param("name", provider.id())
			.param("version", provider.version())
			.update();
		Map<String, @Nullable Object> details = new LinkedHashMap<>();
		details.put("credentialId", credentialId.toString());
		details.put("reason", reason);
		details.put("version", provider.version());
		audit.record(new AuditEntry(tenant, "system", null, "provider.key_disabled", "provider", provider.id(),
				AuditEntry.SUCCEEDED, details));
		events.publishEvent(new ProviderKeyDisabled(tenant, provider.id(), credentialId, reason, now));
		return true;
	}

	private TenantProviders load(TenantId tenant) {
		List<Configured> configured = transactions.inTenant(tenant, () -> jdbc.sql("select " + ProviderRows.COLUMNS
				+ " from llm_providers where tenant_id = :tenant order by name")
			.param("tenant", tenant.value())
			.query((rs, n) -> rows.read(tenant, rs))
			.list()
			.stream()
			.flatMap(Optional::stream)
			.toList());
		List<Provider> all = new ArrayList<>(builtIn.providers());
		configured.forEach(each -> all.add(each.provider()));
		return new TenantProviders(configured, List.copyOf(all));
	}

	/** The row as stored now, bypassing the cache; {@code forUpdate} locks it until the transaction ends. */
	private Optional<Configured> stored(TenantId tenant, String id, boolean forUpdate) {
		return jdbc.sql("select " + ProviderRows.COLUMNS + " from llm_providers where tenant_id = :tenant and name = :name"
				+ (forUpdate ? " for update" : ""))
			.param("tenant", tenant.value())
			.param("name", id)
			.query((rs, n) -> rows.read(tenant, rs))
			.optional()
			.flatMap(row -> row);
	}

	/** The columns a tenant sets, every key enabled. */
	private Map<String, @Nullable Object> columns(Configuration configuration) {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("type", configuration.type().wireName());
		columns.put("baseUrl", configuration.baseUrl() == null ? null : configuration.baseUrl().toString());
		columns.put("keys", rows.keys(configuration.credentials().stream().map(ProviderKey::enabled).toList()));
		columns.put("models", rows.models(configuration.models()));
		columns.put("settings", rows.settings(configuration.settings()));
		columns.put("apiVersion", configuration.apiVersion());
		return columns;
	}

	/** A base URL the tenant gave must not reach what only the node should reach (BaseUrlPolicy); defaults are public. */
	private void refuseUnsafeUrl(Configuration configuration) {
		URI url = configuration.baseUrl();
		if (url != null) {
			BaseUrlPolicy.refusal(url, allowPrivateNetworks).ifPresent(reason -> {
				throw new InvalidFieldsException("baseUrl", reason);
			});
		}
	}

	private boolean isBuiltIn(String id) {
		return builtIn.providers().stream().anyMatch(provider -> provider.id().equals(id));
	}

	private void refuseBuiltIn(String id) {
		if (isBuiltIn(id)) {
			throw new RampartException(ErrorCode.PROVIDER_BUILT_IN, "'" + id + "' is a built-in provider of this node.");
		}
	}

	private static RampartException notFound(String id) {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No provider '" + id + "' in this tenant.");
	}

	private static AuditEntry entry(TenantId tenant, String actor, String action, String id, Map<String, ?> details) {
		return new AuditEntry(tenant, actor, AuditActor.current().ip(), action, "provider", id, AuditEntry.SUCCEEDED, details);
	}

}
