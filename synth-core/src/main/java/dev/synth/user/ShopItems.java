package dev.synth.user;

import dev.synth.catalog.CatalogItem;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Shop item payloads of commerce events (reference 5.2): prices in USD, deterministic stock status. */
public final class ShopItems {
    private static final Map<String, Integer> HASH_MOD_7 = new ConcurrentHashMap<>();

    private ShopItems() {
    }

    /** Money rounded to 2 decimals, as written in events. */
    public static double money(double amount) {
        return Math.round(amount * 100.0) / 100.0;
    }

    /**
     * The {@code item} object of an item, cart or checkout event: id, type, quantity, price (unit price times
     * quantity, rounded), currency and the stock status on the day of {@code timeMicros}.
     */
    public static Map<String, Object> payload(CatalogItem item, int quantity, double unitPrice, long timeMicros) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("id", item.uuid());
        map.put("type", item.type().configName());
        map.put("quantity", quantity);
        map.put("price", money(unitPrice * quantity));
        map.put("currency", "USD");
        map.put("stock_status", stockStatus(item.uuid(), timeMicros));
        return Props.wrap(map);
    }

    /**
     * {@code (sha256(uuid) + day of year) mod 7}: 0-3 {@code in_stock}, 4-5 {@code low_stock}, 6
     * {@code out_of_stock} - the same for everybody on a given day.
     */
    public static String stockStatus(String uuid, long timeMicros) {
        int base = HASH_MOD_7.computeIfAbsent(uuid, ShopItems::sha256Mod7);
        int dayOfYear = LocalDate.ofEpochDay(Micros.epochDay(timeMicros)).getDayOfYear();
        int v = (base + dayOfYear) % 7;
        return v <= 3 ? "in_stock" : v <= 5 ? "low_stock" : "out_of_stock";
    }

    private static int sha256Mod7(String uuid) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uuid.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).mod(BigInteger.valueOf(7)).intValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
