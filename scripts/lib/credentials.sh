# The local stack's own credentials, made on first use under target/local/ and never committed: a signing key that
# stands in for an identity provider (scripts/token.sh signs with it), and one credential per service for the
# internal endpoints. A configured identity provider (VIGIL_OIDC_PUBLIC_KEY_LOCATION set) is left alone.

VIGIL_CREDENTIALS_DIR=$VIGIL_ROOT/target/local/credentials
VIGIL_LOCAL_ISSUER=https://identity.vigil.local

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

credentials_ensure() {
  mkdir -p "$VIGIL_CREDENTIALS_DIR"
  chmod 700 "$VIGIL_CREDENTIALS_DIR"
  if [[ ! -f $VIGIL_CREDENTIALS_DIR/signing-key.pem ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$VIGIL_CREDENTIALS_DIR/signing-key.pem" 2>/dev/null
    openssl pkey -in "$VIGIL_CREDENTIALS_DIR/signing-key.pem" -pubout -out "$VIGIL_CREDENTIALS_DIR/signing-key.pub.pem"
  fi
  if [[ ! -f $VIGIL_CREDENTIALS_DIR/service-tokens.env ]]; then
    local service
    for service in POLICY COLLECTOR RECOMMENDATION ALERT; do
      echo "VIGIL_SERVICE_TOKEN_$service=$(openssl rand -hex 32)"
    done >"$VIGIL_CREDENTIALS_DIR/service-tokens.env"
  fi
  chmod 600 "$VIGIL_CREDENTIALS_DIR"/*
}

# Exports what the services read: where the token signing key is, and the service credentials.
credentials_export() {
  credentials_ensure
  if [[ -z ${VIGIL_OIDC_PUBLIC_KEY_LOCATION:-} ]]; then
    export VIGIL_OIDC_PUBLIC_KEY_LOCATION=$VIGIL_CREDENTIALS_DIR/signing-key.pub.pem
    export VIGIL_OIDC_ISSUER=$VIGIL_LOCAL_ISSUER
  fi
  set -a
  # shellcheck disable=SC1091
  source "$VIGIL_CREDENTIALS_DIR/service-tokens.env"
  set +a
}
