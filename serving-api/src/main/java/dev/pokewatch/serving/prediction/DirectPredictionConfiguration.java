package dev.pokewatch.serving.prediction;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.pokewatch.serving.system.ApplicationFilterRegistration;

/**
 * Registers {@link DirectPredictionFilter} as the application filter's last step, after
 * authentication and rate limiting. {@code serving.direct-predict.enabled=false}
 * ({@code DIRECT_PREDICT_ENABLED}) sends every {@code /predict} through the controller.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "serving.direct-predict.enabled", matchIfMissing = true)
class DirectPredictionConfiguration {

	@Bean
	ApplicationFilterRegistration<DirectPredictionFilter> directPredictionFilter(SinglePrediction single,
			JsonMapper jsonMapper, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
		return new ApplicationFilterRegistration<>(new DirectPredictionFilter(single, jsonMapper, exceptionResolver),
				"directPredictionFilter", Ordered.LOWEST_PRECEDENCE);
	}

}
