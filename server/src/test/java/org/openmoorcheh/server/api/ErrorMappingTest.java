package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openmoorcheh.server.errors.ConflictException;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.ItemLimitException;
import org.openmoorcheh.server.errors.NotFoundException;
import org.openmoorcheh.server.errors.ProviderFailedException;
import org.openmoorcheh.server.errors.ServiceException;
import org.openmoorcheh.server.errors.TooLargeException;
import org.openmoorcheh.server.errors.UnavailableException;
import org.openmoorcheh.store.QuotaExceededException;

class ErrorMappingTest {

    @Test
    void everyKindOfRefusalHasAStatus() {
        // A new kind without a status would fail here rather than answer 500 in production.
        assertThat(ServiceException.class.getPermittedSubclasses()).hasSize(10);
        assertThat(Arrays.stream(ServiceException.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .doesNotHaveDuplicates();
        assertThat(ErrorMapping.status(new InvalidRequestException("top_k", "bad"))).isEqualTo(400);
        assertThat(ErrorMapping.status(new NotFoundException("gone"))).isEqualTo(404);
        assertThat(ErrorMapping.status(new ConflictException("taken"))).isEqualTo(409);
        assertThat(ErrorMapping.status(new ItemLimitException(new QuotaExceededException(10, 10, 1)))).isEqualTo(409);
        assertThat(ErrorMapping.status(new TooLargeException("big"))).isEqualTo(413);
        assertThat(ErrorMapping.status(new ProviderFailedException("odd answer"))).isEqualTo(502);
        assertThat(ErrorMapping.status(new UnavailableException("down"))).isEqualTo(503);
        assertThat(ErrorMapping.status(new org.openmoorcheh.server.errors.InternalException("lost"))).isEqualTo(500);
        assertThat(ErrorMapping.status(new org.openmoorcheh.server.errors.DiskFullException("full", null))).isEqualTo(507);
        assertThat(ErrorMapping.status(new org.openmoorcheh.server.errors.BusyException("busy"))).isEqualTo(429);
    }

    @Test
    void theItemLimitCarriesItsFigures() {
        ItemLimitException limit = new ItemLimitException(new QuotaExceededException(99, 100, 5));
        assertThat(ErrorMapping.extra(limit)).isEqualTo(Map.of("items", 99L, "max_items", 100L, "requested_new", 5L));
        assertThat(limit.getMessage()).contains("99 items stored or reserved", "5 new requested", "limit 100");
        assertThat(ErrorMapping.extra(new NotFoundException("gone"))).isEmpty();
    }
}
