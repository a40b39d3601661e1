package dev.synth.event;

import java.util.Locale;
import java.util.Optional;

/** The catalog types of reference 2.11 / 8.1, with their configuration names. */
public enum CatalogType {
    APP, USER, MEDIA_VIDEO, MEDIA_AUDIO, DRUG, BLOOD, OXYGEN, ELEARNING_SHOP_ITEM, MEDIA_IMAGE, MODULE,
    MEDICAL_EQUIPMENT, EXAM, QUESTION, PAGE, MILESTONE, ORDER, PROMO;

    private final String configName = name().toLowerCase(Locale.ROOT);
    private final String subjectType = name().startsWith("MEDIA_") ? "media" : configName;

    /** The name used in configuration files and output, e.g. {@code media_video}. */
    public String configName() {
        return configName;
    }

    /** {@code media} for the three media types, otherwise {@link #configName()}. */
    public String subjectType() {
        return subjectType;
    }

    /** Whether this is one of the three media types. */
    public boolean isMedia() {
        return this == MEDIA_VIDEO || this == MEDIA_AUDIO || this == MEDIA_IMAGE;
    }

    /** The four shop item types a purchase user can buy. */
    public boolean isShopItem() {
        return this == DRUG || this == BLOOD || this == OXYGEN || this == MEDICAL_EQUIPMENT;
    }

    /** The type with this configuration name ({@code media_video}...), if any. */
    public static Optional<CatalogType> fromConfigName(String name) {
        for (CatalogType t : values()) {
            if (t.configName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
