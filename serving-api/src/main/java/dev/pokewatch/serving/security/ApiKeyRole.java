package dev.pokewatch.serving.security;

/**
 * What a configured API key may do; an admin key also works on client routes.
 */
public enum ApiKeyRole {

	/** Prediction and listing routes. */
	CLIENT,

	/** Client routes plus {@code /admin/**}. */
	ADMIN;

	boolean permits(RouteAccess access) {
		return switch (access) {
			case OPEN -> true;
			case CLIENT -> true;
			case ADMIN -> this == ADMIN;
		};
	}

}
