package com.allocationdesk.allocation.queries;

/**
 * The planner's filters of a table of order lines (allocated or waiting), each null or blank for
 * none: the start of the order id and of the SKU in any case, or with {@code *} for any characters
 * ({@code *shade} contains SHADE); see {@code Sql.matching}.
 */
public record LineFilter(String order, String sku) {
    public static final LineFilter NONE = new LineFilter(null, null);

    public boolean isEmpty() {
        return Sql.isBlank(order) && Sql.isBlank(sku);
    }

    Sql.Condition where() {
        return Sql.where(Sql.matching("order_key", order), Sql.matching("sku_key", sku));
    }
}
