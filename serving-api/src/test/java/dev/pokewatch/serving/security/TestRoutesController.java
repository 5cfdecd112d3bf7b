package dev.pokewatch.serving.security;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stand-in for the real serving-api controllers, so the filters can be tested on the real
 * route paths without the model.
 */
@RestController
public class TestRoutesController {

	@PostMapping({ "/predict", "/fair_price", "/batch_predict" })
	public Map<String, String> predict() {
		return Map.of("route", "predict");
	}

	@GetMapping({ "/list_cards", "/cards" })
	public Map<String, String> listCards() {
		return Map.of("route", "list_cards");
	}

	@PostMapping("/admin/reload")
	public Map<String, String> reload() {
		return Map.of("route", "reload");
	}

	@GetMapping({ "/health", "/metrics", "/docs" })
	public Map<String, String> open() {
		return Map.of("route", "open");
	}

}
