package io.vigil.recommendation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MachineRepository implements PanacheRepositoryBase<MachineEntity, String> {}
