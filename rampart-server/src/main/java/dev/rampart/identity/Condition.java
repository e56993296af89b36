package dev.rampart.identity;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * When a grant applies, judged against the request: always, only on the principal's own
 * resources, only on resources with given tags, only from a network. Conditions combine with
 * {@link AllOf}. A condition that cannot be judged (no owner known, no source address) does not hold.
 */
public sealed interface Condition {

	boolean holds(AccessRequest request);

	/**
	 * Whether the condition could hold for some resource: conditions on the resource (owner, tags)
	 * count as met, conditions on the request itself (network) are judged.
	 */
	default boolean couldHold(AccessRequest request) {
		return holds(request);
	}

	Condition ALWAYS = new Always();

	record Always() implements Condition {

		@Override
		public boolean holds(AccessRequest request) {
			return true;
		}
	}

	/** The resource's owner is the principal. */
	record OwnResources() implements Condition {

		@Override
		public boolean holds(AccessRequest request) {
			return request.resourceOwner() != null && request.resourceOwner().equals(request.principal());
		}

		@Override
		public boolean couldHold(AccessRequest request) {
			return true;
		}
	}

	/** The resource carries every one of these tags with these values (e.g. {@code env=staging}). */
	record Tagged(Map<String, String> tags) implements Condition {

		public Tagged {
			tags = Map.copyOf(tags);
		}

		@Override
		public boolean holds(AccessRequest request) {
			return tags.entrySet().stream().allMatch(tag -> tag.getValue().equals(request.resourceTags().get(tag.getKey())));
		}

		@Override
		public boolean couldHold(AccessRequest request) {
			return true;
		}
	}

	/**
	 * The request comes from one of these networks, in CIDR notation ({@code 10.0.0.0/8},
	 * {@code fd00::/8}).
	 */
	record FromNetwork(List<String> cidrs) implements Condition {

		public FromNetwork {
			cidrs = List.copyOf(cidrs);
			if (cidrs.isEmpty()) {
				throw new IllegalArgumentException("a network condition needs at least one network");
			}
			cidrs.forEach(Cidr::parse);
		}

		public FromNetwork(String cidr) {
			this(List.of(cidr));
		}

		@Override
		public boolean holds(AccessRequest request) {
			InetAddress source = request.sourceAddress();
			return source != null && cidrs.stream().anyMatch(cidr -> Cidr.of(cidr).contains(source));
		}
	}

	record AllOf(List<Condition> conditions) implements Condition {

		public AllOf {
			conditions = List.copyOf(conditions);
		}

		@Override
		public boolean holds(AccessRequest request) {
			return conditions.stream().allMatch(condition -> condition.holds(request));
		}

		@Override
		public boolean couldHold(AccessRequest request) {
			return conditions.stream().allMatch(condition -> condition.couldHold(request));
		}
	}
}
