package io.reef.console;

import java.math.BigDecimal;

import io.quarkus.qute.TemplateExtension;
import io.reef.common.Money;
import io.reef.console.view.Format;

/**
 * An exact USD decimal of a view the API also answers (a statement's amounts) shown as money, by the
 * one formatter: {@code {s.totalChargesUsd.money}} is {@code Format.money} of its micro-dollars.
 */
@TemplateExtension
final class UsdAmounts {

    private UsdAmounts() {
    }

    static String money(BigDecimal usd) {
        return Format.money(Money.usdToMicros(usd));
    }
}
