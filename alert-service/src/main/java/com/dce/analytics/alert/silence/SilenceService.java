package com.dce.analytics.alert.silence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Creating, listing and expiring silences; the evaluator applies them each cycle. */
@Service
public class SilenceService {

    static final Duration MAX_LENGTH = Duration.ofDays(90);

    private final SilenceStore store;
    private final Clock clock;

    public SilenceService(SilenceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param startsAt null for now
     * @throws IllegalArgumentException when the silence matches everything, ends before it starts
     *     or lasts longer than 90 days
     */
    public Silence create(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String comment, String actor) {
        Instant now = clock.instant();
        Instant start = startsAt == null ? now : startsAt;
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher, e.g. alertname=high_drop_rate");
        }
        if (matchers.stream().allMatch(m -> m.matches(java.util.Map.of()))) {
            throw new IllegalArgumentException("these matchers would silence every alert; add an equality matcher");
        }
        if (endsAt == null || !endsAt.isAfter(start)) {
            throw new IllegalArgumentException("'ends_at' must be after 'starts_at'");
        }
        if (!endsAt.isAfter(now)) {
            throw new IllegalArgumentException("'ends_at' is in the past");
        }
        if (Duration.between(start, endsAt).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("a silence may last at most 90 days");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("a silence needs a comment saying why");
        }
        Silence silence = new Silence(UUID.randomUUID(), matchers, start, endsAt, comment.trim(), actor, now, null);
        store.insert(silence);
        return silence;
    }

    public List<Silence> list(boolean includeExpired) {
        return store.list(clock.instant(), includeExpired);
    }

    public Silence get(UUID id) {
        return store.find(id).orElseThrow(() -> new SilenceNotFoundException(id));
    }

    public Silence expire(UUID id, String actor) {
        Silence existing = get(id);
        store.expire(id, actor, clock.instant());
        return store.find(id).orElse(existing);
    }

    public List<Silence> activeAt(Instant now) {
        return store.activeAt(now);
    }
}
