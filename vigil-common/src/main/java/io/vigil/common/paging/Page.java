package io.vigil.common.paging;

import java.util.List;

/** A list answer: one page of values and, when more follow, the link that fetches the next page. */
public record Page<T>(List<T> value, String nextLink) {}
