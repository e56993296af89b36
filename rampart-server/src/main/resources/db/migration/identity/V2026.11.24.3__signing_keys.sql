-- Access-token signing keys (ES256). The public half is published in the JWKS; the private half is
-- envelope-encrypted (purpose SIGNING_KEYS) and bound to its kid.
create table signing_keys (
	kid text primary key,
	public_jwk text not null,
	private_jwk bytea not null,
	created_at timestamptz not null
);

create index signing_keys_created_at on signing_keys (created_at desc);
