package io.shopplatform.storefront.images;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Every product's picture, drawn here rather than stored: a small SVG made from the product's id and name (a colour
 * and a shape from a hash of both, the name's initials on top), so the demo catalog has images without files or a
 * third party. Its URL carries a hash of the drawing ({@code /images/products/<id>-<hash>.svg}), so a browser or the
 * CDN keeps it for a year and a renamed product is a new URL. Pages call {@code @productImages.url(id, name)}.
 */
@Component("productImages")
public class ProductImages {

    /** Where the images live: outside web security (no cookies on them), like the static assets. */
    public static final String PATTERN = "/images/products/**";
    static final String PREFIX = "/images/products/";
    /** Hex digits of the drawing's SHA-256 in its URL: 64 bits, plenty to tell one drawing of a product from another. */
    static final int FINGERPRINT = 16;
    /** A name longer than this is cut in the image's title: an image stays under 2 KB whatever the catalog holds. */
    private static final int TITLE_MAX = 100;
    private static final List<String> SHAPES = List.of(
            "<circle cx=\"80\" cy=\"60\" r=\"40\" fill=\"%s\"/>",
            "<rect x=\"42\" y=\"22\" width=\"76\" height=\"76\" rx=\"14\" fill=\"%s\"/>",
            "<polygon points=\"80,14 126,60 80,106 34,60\" fill=\"%s\"/>",
            "<polygon points=\"57,20 103,20 126,60 103,100 57,100 34,60\" fill=\"%s\"/>");

    /** One drawing and the hash that names it. */
    public record Image(String svg, String fingerprint) {
        public byte[] bytes() {
            return svg.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The page's link to a product's picture (the id and name as the API's JSON has them). */
    public String url(Object id, Object name) {
        long product = Long.parseLong(id.toString());
        return PREFIX + product + "-" + draw(product, String.valueOf(name)).fingerprint() + ".svg";
    }

    /** The picture of product {@code id} named {@code name}: the same two always draw the same bytes. */
    public Image draw(long id, String name) {
        byte[] hash = sha256(id + "\n" + name);
        int hue = ((hash[0] & 0xff) << 8 | (hash[1] & 0xff)) % 360;
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 160 120\" width=\"160\" height=\"120\">"
                + "<title>" + escape(title(name)) + "</title>"
                + "<rect width=\"160\" height=\"120\" fill=\"hsl(" + hue + ",45%,90%)\"/>"
                + SHAPES.get((hash[2] & 0xff) % SHAPES.size()).formatted("hsl(" + hue + ",50%,38%)")
                + "<text x=\"80\" y=\"61\" text-anchor=\"middle\" dominant-baseline=\"middle\" "
                + "font-family=\"system-ui,sans-serif\" font-size=\"30\" font-weight=\"700\" fill=\"#fff\">"
                + escape(initials(name)) + "</text></svg>";
        return new Image(svg, HexFormat.of().formatHex(sha256(svg)).substring(0, FINGERPRINT));
    }

    /** The first letter or digit of the name's first two words: "Reading lamp" is RL. */
    static String initials(String name) {
        StringBuilder initials = new StringBuilder();
        for (String word : name.strip().split("\\s+")) {
            word.codePoints().filter(Character::isLetterOrDigit).findFirst()
                    .ifPresent(c -> initials.appendCodePoint(c));
            if (initials.codePointCount(0, initials.length()) == 2) {
                break;
            }
        }
        return initials.isEmpty() ? "?" : initials.toString().toUpperCase(Locale.ROOT);
    }

    private static String title(String name) {
        return name.codePointCount(0, name.length()) <= TITLE_MAX ? name
                : name.substring(0, name.offsetByCodePoints(0, TITLE_MAX)) + "…";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
