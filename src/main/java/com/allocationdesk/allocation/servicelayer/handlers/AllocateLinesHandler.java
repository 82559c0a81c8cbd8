package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.OrderLine;
import com.allocationdesk.allocation.domain.Product;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Allocates a chunk of lines in one unit of work and commits once: all of them or, when a rule
 * says no for any line, none. Each product is loaded once per chunk.
 */
public final class AllocateLinesHandler implements CommandHandler<AllocateLines, List<Optional<String>>> {
    private final Clock clock;

    public AllocateLinesHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Optional<String>> handle(AllocateLines command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Map<String, Product> products = new HashMap<>();
        List<Optional<String>> results = new ArrayList<>(command.lines().size());
        for (Allocate line : command.lines()) {
            Product product = products.get(line.sku());
            if (product == null) {
                product = uow.products().get(line.sku()).orElseThrow(() -> new InvalidSku(line.sku()));
                products.put(line.sku(), product);
            }
            results.add(product.allocate(new OrderLine(line.orderId(), line.sku(), line.quantity()), clock.instant()));
        }
        uow.commit();
        return results;
    }
}
