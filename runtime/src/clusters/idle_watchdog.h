// Stops a cached cluster's server once nobody has used it for a while.
#pragma once

#include <chrono>

#include "cache_layout.h"

namespace strata::runtime {

// Starts the watchdog of the server running in `layout` unless its watchdog (watchdog.pid) is
// alive. Call with the acquire lock held.
//
// It is a detached /bin/sh loop in its own session (it outlives us; init reaps it) that every
// second checks the age of the last-used file, which every acquire and release touches. Past
// `idle_timeout` it takes the acquire lock and the users lock exclusively, both without waiting
// (so never while an acquire is deciding to use the server, nor while any CachedCluster holds
// it, however long), stops the server with a fast shutdown and waits for it to be gone before
// releasing the locks (so an acquire never finds a server that is shutting down). It exits when
// the server is gone, whoever stopped it. The timeout is the one given by the acquire that
// started the watchdog.
void ensure_idle_watchdog(const CacheLayout& layout, std::chrono::seconds idle_timeout);

}  // namespace strata::runtime
