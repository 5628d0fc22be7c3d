package io.shopplatform.service.db;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The database as the read-your-writes fence sees it ({@code shop.db.*}).
 *
 * @param maxReplicaLag how long a write announced on this instance makes its reads check their standby: longer than
 *                      any lag at which PgPool still balances reads to a standby
 */
@ConfigurationProperties("shop.db")
public record DatabaseProperties(@DefaultValue("30s") Duration maxReplicaLag) {
}
