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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Allocates a chunk of lines in one unit of work and commits once: all of them or, when a rule
 * says no for any line, none. The chunk's products are loaded together, once.
 */
public final class AllocateLinesHandler implements CommandHandler<AllocateLines, List<Optional<String>>> {
    private final Clock clock;

    public AllocateLinesHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Optional<String>> handle(AllocateLines command, HandlerContext context) {
        UnitOfWork uow = context.uow();
        Set<String> skus = new LinkedHashSet<>();
        command.lines().forEach(line -> skus.add(line.sku()));
        Map<String, Product> products = uow.products().getAll(skus);
        skus.stream().filter(sku -> !products.containsKey(sku)).findFirst().ifPresent(unknown -> {
            throw new InvalidSku(unknown);
        });
        List<Optional<String>> results = new ArrayList<>(command.lines().size());
        for (Allocate line : command.lines()) {
            Product product = products.get(line.sku());
            results.add(product.allocate(new OrderLine(line.orderId(), line.sku(), line.quantity()), clock.instant()));
        }
        uow.commit();
        return results;
    }
}
