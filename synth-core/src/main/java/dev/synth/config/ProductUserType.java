package dev.synth.config;

import java.util.Locale;
import java.util.Optional;

/** How a profile's users reach the product ({@code product_user_type}, reference 2.5). */
public enum ProductUserType {
    /** A browser user: sessions have login and logout but no app events. The default. */
    WEB,
    /** A mobile app user: sessions also open, close, background and resume the app. */
    MOBILE;

    /** The name used in configuration files: {@code web} or {@code mobile}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with the given configuration name, or empty when there is none. */
    public static Optional<ProductUserType> fromConfigName(String name) {
        for (ProductUserType t : values()) {
            if (t.configName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
