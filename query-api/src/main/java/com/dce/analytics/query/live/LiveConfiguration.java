package com.dce.analytics.query.live;

import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The WebSocket endpoint {@code /api/v1/live}. The handshake is an {@code /api/} request, so the
 * API-key filter has already authenticated it (browsers pass the key as {@code ?api_key=}); the
 * principal is carried into the session for the per-metric role checks, and the key itself so
 * that {@link LiveHub} can re-validate it while the session stays open (a revoked key's sessions
 * are closed).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConfiguration implements WebSocketConfigurer {

    private final LiveHandler handler;

    LiveConfiguration(LiveHandler handler) {
        this.handler = handler;
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(64 * 1024);
        container.setMaxSessionIdleTimeout(0L);
        return container;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/api/v1/live")
                .addInterceptors(new PrincipalHandshake())
                .setAllowedOriginPatterns("*");
    }

    /** Carries the filter's principal into the WebSocket session; refuses the upgrade without one. */
    static final class PrincipalHandshake implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler wsHandler,
                Map<String, Object> attributes) {
            if (request instanceof ServletServerHttpRequest servlet
                    && servlet.getServletRequest().getAttribute(ApiKeyAuthenticationFilter.PRINCIPAL)
                            instanceof ApiPrincipal principal) {
                attributes.put(LiveHandler.PRINCIPAL, principal);
                String key = ApiKeyAuthenticationFilter.presentedKey(servlet.getServletRequest());
                if (key != null) {
                    attributes.put(LiveHandler.API_KEY, key);
                }
                return true;
            }
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler, Exception e) {}
    }
}
